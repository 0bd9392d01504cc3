// The importable examples for Genesys Engage use only parameters the node declares, and do what
// they say against the GWS emulator (expressions stand for values an upstream node would give).
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CredentialStore, exampleProblems, loadNode, runExecute } from '../helpers/harness.mjs';
import { ENGAGE, start } from '../emulators/genesys-engage/index.mjs';
import { GENESYS_ENGAGE } from '../emulators/fixtures.mjs';

const node = loadNode('GenesysEngage');
const example = (name) =>
	JSON.parse(readFileSync(new URL(`../../examples/${name}`, import.meta.url)));
const engageNodes = (workflow) =>
	workflow.nodes.filter((n) => n.type === 'n8n-nodes-messenger-bridge.genesysEngage');

let gws;
beforeAll(async () => {
	gws = await start({ ports: { genesysEngage: 0 } });
});
afterAll(async () => {
	await gws.close();
});

describe('genesysEngage examples', () => {
	for (const file of [
		'genesys-engage-facebook-send.json',
		'genesys-engage-session-answer.json',
		'genesys-engage-create-then-send.json',
	]) {
		it(`${file}: every parameter is declared and kept for its operation, as n8n runs it`, () => {
			const workflow = example(file);
			assert.ok(engageNodes(workflow).length > 0);
			for (const n of engageNodes(workflow))
				assert.deepEqual(Object.keys(n.credentials), ['genesysEngageApi']);
			assert.deepEqual(exampleProblems(workflow), []);
		});
	}

	it("the check runs a node without Operation with its resource's default operation", () => {
		const workflow = example('genesys-engage-session-answer.json');
		const link = engageNodes(workflow).find((n) => n.parameters.operation === 'sendUrl');
		const { operation, ...omitted } = link.parameters;
		assert.equal(operation, 'sendUrl');
		const problems = exampleProblems({
			nodes: [{ ...link, parameters: omitted }],
			connections: {},
		});
		assert.ok(
			problems.some((p) =>
				/url is not a parameter of facebookSession\/(?!sendUrl)\w+ \(n8n drops it\)/.test(p),
			),
			problems.join('\n'),
		);
	});

	it("the send example posts seed 003's request", async () => {
		gws.reset();
		const [send] = engageNodes(example('genesys-engage-facebook-send.json'));
		const credentials = new CredentialStore({
			genesysEngageApi: {
				baseUrl: gws.url,
				username: GENESYS_ENGAGE.username,
				password: GENESYS_ENGAGE.password,
			},
		});
		const { output, error } = await runExecute(node, { credentials, parameters: send.parameters });
		assert.ifError(error);
		assert.deepEqual(output[0][0].json, {
			statusCode: 0,
			referenceId: 57,
			operationName: 'Send',
			interactionId: '01QQQG2MU214P06D',
		});
	});

	it('the create-then-send example: Create reports the new interaction, Send uses its ID', async () => {
		gws.reset();
		gws.state.cometTimeoutMs = 300;
		const credentials = () =>
			new CredentialStore({
				genesysEngageApi: {
					baseUrl: gws.url,
					username: GENESYS_ENGAGE.username,
					password: GENESYS_ENGAGE.password,
				},
			});
		const [create, send] = engageNodes(example('genesys-engage-create-then-send.json'));
		const created = await runExecute(node, {
			credentials: credentials(),
			parameters: create.parameters,
		});
		assert.ifError(created.error);
		const { interactionId } = created.output[0][0].json;
		assert.equal(gws.interaction(interactionId).state, 'Composing');
		// The Interaction ID expression reads the Create node's output.
		assert.equal(send.parameters.interactionId, '={{ $json.interactionId }}');
		const sent = await runExecute(node, {
			credentials: credentials(),
			parameters: { ...send.parameters, interactionId },
		});
		assert.ifError(sent.error);
		assert.equal(sent.output[0][0].json.state, 'Sent');
		assert.equal(gws.interaction(interactionId).sent[0].message, 'Your refund is on its way.');
	});

	it('the session example accepts, greets, sends the link and completes an invited session', async () => {
		gws.reset();
		const credentials = new CredentialStore({
			genesysEngageApi: {
				baseUrl: gws.url,
				username: GENESYS_ENGAGE.username,
				password: GENESYS_ENGAGE.password,
			},
		});
		for (const n of engageNodes(example('genesys-engage-session-answer.json'))) {
			// The sessionId expressions read the webhook body; here the invited session stands in.
			const parameters = { ...n.parameters, sessionId: ENGAGE.invitedSessionId };
			const { error } = await runExecute(node, { credentials, parameters });
			assert.ifError(error);
		}
		const session = gws.facebookSession(ENGAGE.invitedSessionId);
		assert.equal(session.state, 'Completed');
		assert.equal(session.participants.at(-1).nickname, 'Support');
		assert.deepEqual(
			session.transcript.map((t) => t.type),
			['Message', 'PushUrl'],
		);
	});
});
