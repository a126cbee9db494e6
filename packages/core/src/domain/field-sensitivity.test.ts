import { describe, expect, it } from 'vitest';
import { checkDocumentField, maskFields, pseudonym } from './field-sensitivity.ts';

const key = () => Buffer.from('a test key of the workspace, 32 bytes long');

describe('maskFields', () => {
  const mail = {
    id: 'doc_1',
    author: null,
    fileNames: ['inbox/from-a-source.eml'],
    metadata: {
      from: 'Invented Sender <sender@example.org>',
      to: ['a@example.org', 'b@example.org'],
      gps: [59.3, 18.1],
      subject: 'Visit',
    },
  };

  it('turns withheld sender and recipients into pseudonyms, drops other metadata, and empties lists', () => {
    const masked = maskFields(
      mail,
      {
        'metadata.from': 'protected',
        'metadata.to': 'restricted',
        'metadata.gps': 'restricted',
        fileNames: 'restricted',
      },
      ['public', 'internal'],
      key,
    );
    expect(masked.metadata.from).toBe(
      pseudonym(key(), 'metadata.from', 'Invented Sender <sender@example.org>'),
    );
    expect(masked.metadata.to).toEqual([
      pseudonym(key(), 'metadata.to', 'a@example.org'),
      pseudonym(key(), 'metadata.to', 'b@example.org'),
    ]);
    expect(masked.metadata).not.toHaveProperty('gps');
    expect(masked.metadata.subject).toBe('Visit');
    expect(masked.fileNames).toEqual([]);
    expect(masked.withheld).toEqual(['fileNames', 'metadata.from', 'metadata.gps', 'metadata.to']);
    // The input is not changed.
    expect(mail.metadata.gps).toEqual([59.3, 18.1]);
  });

  it('leaves a record alone for a reader of every level, and fields that hold nothing', () => {
    expect(
      maskFields(
        mail,
        { 'metadata.from': 'protected' },
        ['public', 'internal', 'restricted', 'protected'],
        key,
      ),
    ).toBe(mail);
    expect(maskFields(mail, { author: 'protected' }, ['public'], key).withheld).toEqual([]);
  });

  it('gives pseudonyms that depend on the key and ignore case and spacing of the value', () => {
    expect(pseudonym(key(), 'author', 'Wen Qiaolin')).toBe(pseudonym(key(), 'author', ' wen qiaolin '));
    expect(pseudonym(key(), 'author', 'Wen Qiaolin')).not.toBe(
      pseudonym(Buffer.from('another key'), 'author', 'Wen Qiaolin'),
    );
  });

  it('accepts only fields a document has', () => {
    expect(() => checkDocumentField('metadata.exif.gps')).not.toThrow();
    expect(() => checkDocumentField('text')).toThrow(/not a document field/);
  });
});
