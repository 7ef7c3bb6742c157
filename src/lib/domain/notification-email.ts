/**
 * The words of every notification email (issue 14). Email leaves the secure boundary, so
 * these functions can only be given what may leave it: a review's pseudonymised title
 * ("Adult A"), a count, and a link to this site. Nothing else has a way in: no kind, no
 * name, no comment, no passage, no date of the case. The sender builds its messages here
 * and nowhere else; the unit tests check that the output holds nothing but these.
 */

export interface EmailText {
	subject: string;
	text: string;
}

/** What a single message may say: which review, and where to go. */
export interface ImmediateEmailFacts {
	/** The review's pseudonymised title, or null for something outside any review. */
	reviewTitle: string | null;
	/** An absolute link to this site (ORIGIN + a path of ids). */
	link: string;
}

/** What the daily summary may say: each review's title and how many things, and one link. */
export interface DigestEmailFacts {
	reviews: { reviewTitle: string | null; count: number }[];
	link: string;
}

const productName = 'DHR Panel Workspace';
const whyNoDetail = 'This email says nothing more on purpose: email is not secure enough for anything about a review. Sign in to see what it is.';

/**
 * A link may hold a scheme, a host, a port and a path of ids, nothing else: a query string or
 * free text in a path would be a way for content to slip out.
 */
const safeLink = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9_\-/]*)?(#[A-Za-z0-9_-]*)?$/;

export function checkLink(link: string): string {
	if (!safeLink.test(link)) throw new Error('A notification link must be this site\'s address followed by a path of ids');
	return link;
}

/** A title on one line, of a pseudonym's length: a subject line cannot be split into headers. */
export function safeTitle(title: string | null): string {
	if (title === null) return productName;
	const oneLine = title.replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ').trim();
	return oneLine.length > 80 ? `${oneLine.slice(0, 79)}…` : oneLine || productName;
}

function where(title: string | null): string {
	return title === null ? productName : `review ${safeTitle(title)}`;
}

export function immediateEmail(facts: ImmediateEmailFacts): EmailText {
	const link = checkLink(facts.link);
	const subject = `Something in ${where(facts.reviewTitle)} needs you`;
	return { subject, text: `${subject}.\n\nOpen it here: ${link}\n\n${whyNoDetail}\n` };
}

export function digestEmail(facts: DigestEmailFacts): EmailText {
	const link = checkLink(facts.link);
	const total = facts.reviews.reduce((sum, review) => sum + count(review.count), 0);
	const subject = `Your daily summary: ${total === 1 ? '1 thing needs' : `${total} things need`} you`;
	const lines = facts.reviews.map((review) => `- ${review.reviewTitle === null ? productName : `Review ${safeTitle(review.reviewTitle)}`}: ${count(review.count)}`);
	return { subject, text: `Since your last summary, these need you:\n\n${lines.join('\n')}\n\nSign in to see them: ${link}\n\n${whyNoDetail}\n` };
}

function count(value: number): number {
	if (!Number.isInteger(value) || value < 0) throw new Error('A count must be a whole number');
	return value;
}
