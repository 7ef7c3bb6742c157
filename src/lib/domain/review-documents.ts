/**
 * The review's documents (issue 20): files the panel receives (a scanned letter, a policy,
 * a photo of a document), linked from what refers to them. The link kinds are a list so
 * that IMRs and meeting minutes, built beside this, link their documents the same way.
 */
export const documentLinkKinds = ['chronology_entry', 'imr', 'minutes'] as const;
export type DocumentLinkKind = (typeof documentLinkKinds)[number];

export const documentLinkKindLabels: Record<DocumentLinkKind, string> = {
	chronology_entry: 'Chronology entry',
	imr: 'Individual management review',
	minutes: 'Meeting minutes'
};

export function isDocumentLinkKind(value: unknown): value is DocumentLinkKind {
	return typeof value === 'string' && (documentLinkKinds as readonly string[]).includes(value);
}

/** The kinds of file a review's documents accept (names as review-files.ts knows them). */
export const documentFileKinds = ['pdf', 'docx', 'odt', 'xlsx', 'png', 'jpg'] as const;

/** "1.2 MB", "340 KB": sizes as people read them. */
export function formatFileSize(bytes: number): string {
	if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
	return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
