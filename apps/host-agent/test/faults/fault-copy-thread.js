'use strict';
// A test agent's copy-thread entry: the real one, and a task marked `crashThread` ends its thread mid-copy.
const copyThread = require('../../src/copy/copy-thread.js');

const CRASH_EXIT_CODE = 70;

// Piscina takes `default` as the handler of a module marked as compiled from ES modules, as the real entry is.
module.exports = {
  __esModule: true,
  ...copyThread,
  default: (task) => (task.crashThread ? process.exit(CRASH_EXIT_CODE) : copyThread.default(task)),
};
