#!/usr/bin/env node
// The command's entry point is committed (not built) so that `npm ci` can link `leadgate` into
// node_modules/.bin before anything is compiled: npm skips bins whose file does not exist yet.
import "../dist/bin.js";
