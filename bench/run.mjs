// npm run bench: every benchmark in turn. Figures go into bench/README.md by hand, with the date.
await import('./startup.mjs');
