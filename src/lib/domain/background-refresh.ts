/**
 * A page's own automatic refreshes (others' comments arriving, new contributions on a
 * board) are not a person using the workspace: they carry this header, and the server
 * does not count them as activity, so a page left open still times out (issue 13).
 */
export const backgroundRefreshHeader = 'x-background-refresh';

export const backgroundRefreshHeaders: Record<string, string> = { [backgroundRefreshHeader]: '1' };

export function isBackgroundRefresh(headers: Headers): boolean {
	return headers.get(backgroundRefreshHeader) === '1';
}
