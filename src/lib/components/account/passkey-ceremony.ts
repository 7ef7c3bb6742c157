/**
 * The browser's half of a passkey ceremony, shared by adding a passkey and signing in with
 * one: ask our server for a challenge (it keeps it, single-use), let the browser and the
 * authenticator answer it, and post the answer with the page's own form, so the server
 * checks it in a form action and the page works like any other GOV.UK form afterwards.
 */
export interface PasskeyCeremony<Options> {
	/** Our endpoint that makes and keeps the challenge. */
	optionsUrl: string;
	/** `startRegistration` or `startAuthentication` from @simplewebauthn/browser. */
	ceremony: (optionsJSON: Options) => Promise<unknown>;
	form: HTMLFormElement;
	responseField: HTMLInputElement;
	/** Shown when the server gives no reason, and when the browser or the person cancels. */
	messages: { refused: string; failed: string };
}

/** Submits the form with the authenticator's answer; or returns the problem to show on the page. */
export async function submitPasskeyAnswer<Options>({ optionsUrl, ceremony, form, responseField, messages }: PasskeyCeremony<Options>): Promise<string | null> {
	try {
		const answer = await fetch(optionsUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		const body = await answer.json();
		if (!answer.ok) return body.error ?? messages.refused;
		responseField.value = JSON.stringify(await ceremony(body.options as Options));
		form.requestSubmit();
		return null;
	} catch {
		return messages.failed;
	}
}
