// Exits 0 when WebAssembly.validate on the file gives the expected answer (node validate-wasm.mjs FILE true|false).
import { readFileSync } from 'node:fs';

const [file, expected] = process.argv.slice(2);
const valid = WebAssembly.validate(readFileSync(file));
console.log(`${file}: WebAssembly.validate = ${valid} (expected ${expected}; node ${process.execArgv.join(' ')})`);
process.exit(String(valid) === expected ? 0 : 1);
