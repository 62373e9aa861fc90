#!/usr/bin/env node
// The `qusto` command. Core's sources are TypeScript; tsx runs them without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
const code = await main(process.argv.slice(2));
if (code >= 0) process.exitCode = code;
