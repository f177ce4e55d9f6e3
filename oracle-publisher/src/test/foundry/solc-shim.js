// Called by solc-shim as `node solc-shim.js OUT --allow-paths ... --base-path ROOT --standard-json` with forge's
// standard-JSON input on stdin; compiles it with solcjs (deploy/local/node_modules/solc, or $LEDGERMIND_SOLCJS) and
// writes solc's standard-JSON output to OUT. Imports solc asks for are read relative to ROOT and the include paths
// (or as given when absolute); --allow-paths is dropped (solcjs reads whatever the callback returns).
'use strict';
const fs = require('fs');
const path = require('path');

const [outFile, ...args] = process.argv.slice(2);
let basePath = process.cwd();
const includePaths = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--base-path') basePath = args[++i];
  else if (args[i] === '--include-path') includePaths.push(args[++i]);
  else if (args[i] === '--allow-paths') i++;
}
if (!args.includes('--standard-json')) {
  process.stderr.write('solc-shim: only --version and --standard-json are supported, got: ' + args.join(' ') + '\n');
  process.exit(2);
}
const solc = require(process.env.LEDGERMIND_SOLCJS || path.resolve(__dirname, '../../../../deploy/local/node_modules/solc'));

function findImports(p) {
  const candidates = path.isAbsolute(p) ? [p] : [basePath, ...includePaths].map((d) => path.resolve(d, p));
  for (const c of candidates) {
    if (fs.existsSync(c)) return { contents: fs.readFileSync(c, 'utf8') };
  }
  return { error: 'File not found: ' + p };
}

fs.writeFileSync(outFile, solc.compile(fs.readFileSync(0, 'utf8'), { import: findImports }));
