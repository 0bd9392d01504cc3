import { randomBytes } from 'crypto';

export interface MultipartFile {
	name: string;
	fileName: string;
	contentType: string;
	data: Buffer;
}

/**
 * A multipart/form-data body built by hand (no runtime dependency): text fields first, then
 * the file, as the Attachment Upload API and the Send API expect (`message`, `filedata`).
 */
export function buildMultipart(
	fields: Record<string, string>,
	file: MultipartFile,
	boundary = `----MessengerBridge${randomBytes(12).toString('hex')}`,
): { body: Buffer; contentType: string } {
	const quote = (value: string) => value.replace(/["\r\n\\]/g, '_');
	const parts: Buffer[] = [];
	for (const [name, value] of Object.entries(fields)) {
		parts.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`,
			),
		);
	}
	parts.push(
		Buffer.from(
			`--${boundary}\r\nContent-Disposition: form-data; name="${quote(file.name)}"; filename="${quote(file.fileName)}"\r\nContent-Type: ${file.contentType.replace(/[\r\n]/g, '')}\r\n\r\n`,
		),
		file.data,
		Buffer.from(`\r\n--${boundary}--\r\n`),
	);
	return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
