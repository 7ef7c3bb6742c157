/** Websocket close codes (DESIGN.md, "Websocket rules"). */
export const closeCodes = {
	goingAway: 1001,
	malformed: 1003,
	policy: 1008,
	tooBig: 1009,
	serverError: 1011,
	/** Access changed (e.g. a new role): reconnect to continue with the new rights. */
	accessChanged: 4000,
	unauthenticated: 4401,
	forbidden: 4403,
	notFound: 4404,
	/** More waits to be sent than COLLAB_MAX_QUEUED_BYTES: the client is not reading what it asked for. */
	tooFarBehind: 4429,
	/** The review's working material was deleted under its retention rule: do not reconnect. */
	materialDeleted: 4410
} as const;
