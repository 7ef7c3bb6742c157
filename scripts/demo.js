// `npm run demo`: the built app with the fictional review, on its own database file
// so demo accounts never land in a real one.
process.env.DEMO = '1';
process.env.DATABASE_PATH ||= './data/demo.sqlite';
await import('../build/server.js');
