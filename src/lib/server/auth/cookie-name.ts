/** The session cookie's name (DESIGN.md); kept apart so the websocket server needs no SvelteKit types. */
export const sessionCookieName = 'session';
