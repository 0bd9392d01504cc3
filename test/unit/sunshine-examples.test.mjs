// The Sunshine Conversations example workflows only use parameters and option values the node declares.
import { describe, it } from '@jest/globals';
import { checkExamples } from './airy-examples.test.mjs';

describe('examples/sunshine-*.json', () => {
	it('use only parameters the Sunshine Conversations node declares', () =>
		checkExamples('sunshine-', 'SunshineConversations', 'sunshineConversations'));
});
