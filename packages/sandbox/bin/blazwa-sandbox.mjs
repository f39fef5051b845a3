#!/usr/bin/env node
// Committed so the bin exists before the first build; the CLI itself is compiled to dist/.
import '../dist/cli.js';
