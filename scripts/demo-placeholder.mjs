console.log('The one-command demo (a local Blazwa sandbox with Node-RED and example flows) is not built yet.');
console.log('Run the tests meanwhile: pnpm test');
