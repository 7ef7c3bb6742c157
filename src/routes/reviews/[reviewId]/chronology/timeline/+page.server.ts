import type { PageServerLoad } from './$types';
import { chronologyPageData } from '$lib/server/chronology-page';

export const load: PageServerLoad = ({ locals, url, params }) => chronologyPageData(locals, url, params.reviewId, { page: 'timeline' });
