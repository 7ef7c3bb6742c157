/** A moment as the UK wall-clock date and time that the planning forms take. */
export function ukWallClock(moment: Date): { day: string; month: string; year: string; time: string } {
	const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(moment);
	const part = (type: string) => parts.find((p) => p.type === type)!.value;
	return { day: part('day'), month: part('month'), year: part('year'), time: `${part('hour')}:${part('minute')}` };
}

/** The planning form's fields for an event starting at `moment`. */
export function eventStartFields(moment: Date): Record<string, string> {
	const { day, month, year, time } = ukWallClock(moment);
	return { 'startsOn-day': day, 'startsOn-month': month, 'startsOn-year': year, startsAtTime: time };
}
