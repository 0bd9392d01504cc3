// A loopback HTTPS proxy that lets n8n's built-in Facebook Trigger (which always calls
// https://graph.facebook.com) talk to the Graph emulator instead, for side-by-side benchmarks.
// n8n is started with HTTPS_PROXY pointing here and NODE_EXTRA_CA_CERTS trusting a CA made for
// the run. CONNECT to graph.facebook.com:443 is terminated with a certificate from that CA and
// forwarded to the emulator; any other host is refused, so nothing leaves the machine.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TLSSocket, createSecureContext } from 'node:tls';

const GRAPH_HOST = 'graph.facebook.com';

/** Makes a throw-away CA and a certificate for graph.facebook.com signed by it (openssl). */
export function makeCertificates() {
	const dir = mkdtempSync(join(tmpdir(), 'mb-proxy-ca-'));
	const run = (...args) =>
		execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
	run(
		'req',
		'-x509',
		'-newkey',
		'rsa:2048',
		'-nodes',
		'-days',
		'2',
		'-subj',
		'/CN=messenger-bridge bench CA',
		'-keyout',
		'ca.key',
		'-out',
		'ca.pem',
	);
	run(
		'req',
		'-newkey',
		'rsa:2048',
		'-nodes',
		'-subj',
		`/CN=${GRAPH_HOST}`,
		'-keyout',
		'leaf.key',
		'-out',
		'leaf.csr',
	);
	writeFileSync(
		join(dir, 'ext.cnf'),
		`subjectAltName=DNS:${GRAPH_HOST}\nextendedKeyUsage=serverAuth\n`,
	);
	run(
		'x509',
		'-req',
		'-in',
		'leaf.csr',
		'-CA',
		'ca.pem',
		'-CAkey',
		'ca.key',
		'-CAcreateserial',
		'-days',
		'2',
		'-extfile',
		'ext.cnf',
		'-out',
		'leaf.pem',
	);
	return {
		caFile: join(dir, 'ca.pem'),
		key: readFileSync(join(dir, 'leaf.key')),
		cert: readFileSync(join(dir, 'leaf.pem')),
	};
}

/**
 * @param {{target: string, certificates: ReturnType<typeof makeCertificates>}} options
 *   target: the Graph emulator's base URL, e.g. http://127.0.0.1:5811
 */
export async function startGraphProxy({ target, certificates }) {
	const targetUrl = new URL(target);
	const context = createSecureContext({ key: certificates.key, cert: certificates.cert });
	let forwarded = 0;
	let refused = 0;
	// Decrypted requests arrive here and are replayed against the emulator.
	const inner = createServer((req, res) => {
		forwarded++;
		const upstream = httpRequest(
			{
				host: targetUrl.hostname,
				port: targetUrl.port,
				method: req.method,
				path: req.url,
				headers: { ...req.headers, host: targetUrl.host },
			},
			(answer) => {
				res.writeHead(answer.statusCode, answer.headers);
				answer.pipe(res);
			},
		);
		upstream.on('error', () => res.writeHead(502).end());
		req.pipe(upstream);
	});
	const proxy = createServer((_req, res) => res.writeHead(405).end());
	proxy.on('connect', (req, socket) => {
		const [host, port] = req.url.split(':');
		if (host !== GRAPH_HOST || (port && port !== '443')) {
			refused++;
			socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
			return;
		}
		socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
		const tls = new TLSSocket(socket, { isServer: true, secureContext: context });
		inner.emit('connection', tls);
	});
	await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${proxy.address().port}`,
		stats: () => ({ forwarded, refused }),
		close: () =>
			new Promise((resolve) => {
				proxy.closeAllConnections?.();
				inner.closeAllConnections?.();
				proxy.close(() => resolve());
			}),
	};
}
