/**
 * How a person appears to others in a live document. The collaboration server sets
 * it from the session; the page uses the same function to show the person themself.
 */

// Colours with at least 4.5:1 contrast against white, for names on carets and badges.
const palette = ['#1d70b8', '#d4351c', '#00703c', '#4c2c92', '#b52e73', '#6f3a00', '#005a70', '#5c4a00', '#3d4d5c', '#8a1f51'];

export function colourFor(userId: string): string {
	let hash = 0;
	for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
	return palette[hash % palette.length];
}

export interface PresenceIdentity {
	name: string;
	color: string;
	role: string;
}
