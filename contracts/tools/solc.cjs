// Adapter that lets forge drive the npm `solc` package (solcjs), since forge cannot download
// a native solc here. forge calls it with `--version` and with `--standard-json` (input on stdin).
const fs = require('node:fs');
const path = require('node:path');
const solc = require('solc');

const args = process.argv.slice(2);
if (args.includes('--version')) {
  const v = solc.version().replace('.Emscripten.clang', '');
  process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${v}.Linux.g++\n`);
  process.exit(0);
}
if (!args.includes('--standard-json')) {
  process.stderr.write('solc adapter: only --version and --standard-json are supported\n');
  process.exit(1);
}

// forge passes --base-path / --include-path / --allow-paths; honour the search roots for imports.
const roots = [process.cwd()];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--base-path' || args[i] === '--include-path') roots.push(args[i + 1]);
}
function findImports(p) {
  for (const root of roots) {
    const full = path.resolve(root, p);
    if (fs.existsSync(full)) return { contents: fs.readFileSync(full, 'utf8') };
  }
  return { error: `File not found: ${p}` };
}

const input = fs.readFileSync(0, 'utf8');
process.stdout.write(solc.compile(input, { import: findImports }));
