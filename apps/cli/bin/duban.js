#!/usr/bin/env node
// Stable entry for the `duban` binary; the build writes dist/index.js.
import '../dist/index.js';
