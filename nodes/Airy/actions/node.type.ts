/** Every resource of the Airy Core node and its operation names, as the description lists them. */
export type NodeMap = {
	facebook: 'connect' | 'disconnect' | 'explore';
	instagram: 'connect' | 'disconnect';
};
