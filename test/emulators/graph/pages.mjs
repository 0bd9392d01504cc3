// Graph routes for this area: [method, pattern without the version prefix, handler(ctx)].
export function pageRoutes(state) {
	return [];
}
