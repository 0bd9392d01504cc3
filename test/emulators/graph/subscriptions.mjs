// Graph routes for this area: [method, pattern without the version prefix, handler(ctx)].
export function subscriptionRoutes(state) {
	return [];
}
