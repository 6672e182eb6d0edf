const solc = require('solc');
const fs = require('fs');
const dir = process.argv[2];
const sources = {};
for (const f of ['WatchedToken.sol', 'WatchedProxy.sol']) sources[f] = { content: fs.readFileSync(dir + '/' + f, 'utf8') };
const input = { language: 'Solidity', sources, settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: 'paris',
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } } };
const out = JSON.parse(solc.compile(JSON.stringify(input)));
if (out.errors && out.errors.some(e => e.severity === 'error')) { console.error(JSON.stringify(out.errors, null, 1)); process.exit(1); }
for (const f in out.contracts) for (const c in out.contracts[f]) {
  const k = out.contracts[f][c];
  fs.writeFileSync(dir + '/' + c + '.abi.json', JSON.stringify(k.abi, null, 1) + '\n');
  fs.writeFileSync(dir + '/' + c + '.bin', k.evm.bytecode.object + '\n');
}
console.log(solc.version());
