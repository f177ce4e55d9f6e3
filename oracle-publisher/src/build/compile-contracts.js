// Compiles every .sol file of src/main/solidity with the pinned solcjs (deploy/local/node_modules/solc), in-process
// (no pipe: solcjs truncates large outputs written to a pipe), and writes <Contract>.abi, <Contract>.bin and
// <Contract>.layout.json (storage layout) into the output folder for web3j codegen and the tests.
// Settings match io.ledgermind.evm.SolcJs: optimizer on, EVM version cancun.
'use strict';
const fs = require('fs');
const path = require('path');
const [solcDir, sourceDir, outDir] = process.argv.slice(2);
const solc = require(solcDir);
const sources = {};
for (const f of fs.readdirSync(sourceDir).filter((f) => f.endsWith('.sol')).sort()) {
  sources[f] = { content: fs.readFileSync(path.join(sourceDir, f), 'utf8') };
}
const input = {
  language: 'Solidity',
  sources,
  settings: {
    optimizer: { enabled: true, runs: 10000 },
    evmVersion: 'cancun',
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'storageLayout'] } },
  },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
for (const e of output.errors || []) process.stderr.write((e.formattedMessage || e.message) + '\n');
if (errors.length) process.exit(1);
fs.mkdirSync(outDir, { recursive: true });
let n = 0;
for (const file of Object.keys(output.contracts)) {
  for (const [name, c] of Object.entries(output.contracts[file])) {
    if (!c.evm.bytecode.object) continue; // interfaces and abstract contracts
    fs.writeFileSync(path.join(outDir, name + '.abi'), JSON.stringify(c.abi));
    fs.writeFileSync(path.join(outDir, name + '.bin'), c.evm.bytecode.object);
    fs.writeFileSync(path.join(outDir, name + '.layout.json'), JSON.stringify(c.storageLayout, null, 1));
    n++;
  }
}
console.log(`solc ${solc.version()}: ${n} contracts -> ${outDir}`);
