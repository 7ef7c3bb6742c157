import { json } from '@sveltejs/kit';

const notFound = () => json({ error: 'There is no such API endpoint' }, { status: 404 });

export const fallback = notFound;
