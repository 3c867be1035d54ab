'use strict';
// Piscina's entry for every copy thread. Built code loads the compiled handler next to this file; run from
// source (Jest) there is none, so the TypeScript handler is compiled with swc as it is required.
const fs = require('node:fs');
const path = require('node:path');

const compiled = path.join(__dirname, 'segment-copy.thread.js');
if (!fs.existsSync(compiled) && !require.extensions['.ts']) {
  const { transformSync } = require('@swc/core');
  require.extensions['.ts'] = (module, filename) => {
    const source = fs.readFileSync(filename, 'utf8');
    const options = { filename, module: { type: 'commonjs' }, jsc: { target: 'es2023', parser: { syntax: 'typescript' } } };
    module._compile(transformSync(source, options).code, filename);
  };
}
module.exports = require(fs.existsSync(compiled) ? compiled : path.join(__dirname, 'segment-copy.thread.ts'));
