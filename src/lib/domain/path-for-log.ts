/**
 * A request's path as it may appear in a log line. The one-use links (`/join/<token>` for a
 * chair's invitation, `/invitations/<token>` for a learning event's guest) carry their secret
 * in the path: logged whole, a link could be read back from the logs and used by someone
 * else, as the account or guest it makes. The server keeps only their hashes; logs must not
 * keep more.
 */
const linksWithSecrets = ['/join/', '/invitations/'];

export function pathForLog(pathname: string): string {
	for (const prefix of linksWithSecrets) {
		if (pathname.startsWith(prefix)) return `${prefix}[token]${pathname.slice(prefix.length).replace(/^[^/]*/, '')}`;
	}
	return pathname;
}
