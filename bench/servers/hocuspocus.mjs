// Hocuspocus with its SQLite extension, for the side-by-side benchmark (bench/collab.ts).
import { Server } from '@hocuspocus/server';
import { SQLite } from '@hocuspocus/extension-sqlite';

const [port, database] = process.argv.slice(2);
const server = new Server({
	port: Number(port),
	address: '127.0.0.1',
	quiet: true,
	stopOnSignals: false,
	websocketOptions: { perMessageDeflate: false },
	extensions: [new SQLite({ database })]
});
await server.listen();
console.log(`hocuspocus listening on ${port}`);
