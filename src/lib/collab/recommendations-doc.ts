/** Recommendations in the report document: `Y.Array<Y.Map>` named `recommendations`. */
import * as Y from 'yjs';
import { recommendationScopes, type Recommendation, type RecommendationScope } from '../domain/recommendations';

const fields = ['text', 'scope', 'addressedTo', 'outcome', 'targetDate'] as const;

function list(doc: Y.Doc): Y.Array<Y.Map<string>> {
	return doc.getArray<Y.Map<string>>('recommendations');
}

export function readRecommendations(doc: Y.Doc): Recommendation[] {
	return list(doc)
		.toArray()
		.map((item) => {
			const scope = item.get('scope') as RecommendationScope;
			return {
				id: item.get('id') ?? '',
				text: item.get('text') ?? '',
				scope: recommendationScopes.includes(scope) ? scope : 'local',
				addressedTo: item.get('addressedTo') ?? '',
				outcome: item.get('outcome') ?? '',
				targetDate: (item.get('targetDate') ?? '') as Recommendation['targetDate']
			};
		})
		.filter((item) => item.id);
}

/** Adds it, or changes only the fields that differ, so others' concurrent edits to other fields stay. */
export function saveRecommendation(doc: Y.Doc, recommendation: Recommendation): void {
	doc.transact(() => {
		const existing = list(doc)
			.toArray()
			.find((item) => item.get('id') === recommendation.id);
		const target = existing ?? new Y.Map<string>();
		if (!existing) {
			target.set('id', recommendation.id);
			list(doc).push([target]);
		}
		for (const field of fields) if (target.get(field) !== recommendation[field]) target.set(field, recommendation[field]);
	});
}

export function removeRecommendation(doc: Y.Doc, id: string): void {
	const index = list(doc)
		.toArray()
		.findIndex((item) => item.get('id') === id);
	if (index >= 0) list(doc).delete(index, 1);
}
