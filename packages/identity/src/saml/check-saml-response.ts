import { DOMParser, type Element } from '@xmldom/xmldom';

const protocolNs = 'urn:oasis:names:tc:SAML:2.0:protocol';
const assertionNs = 'urn:oasis:names:tc:SAML:2.0:assertion';
const signatureNs = 'http://www.w3.org/2000/09/xmldsig#';

/** How far an IdP's clock may be from ours. */
export const samlClockSkewMs = 2 * 60_000;

export type SamlResponseCheck = { ok: true } | { ok: false; reason: string };

/**
 * The checks Parapet makes on a SAML response before jackson validates its signature, for what
 * jackson leaves loose: its audience check is a prefix match, it accepts a response without
 * InResponseTo (which is what binds a response to the one request this console made, and so makes
 * a replay useless), it allows ten minutes of clock skew, and it reads neither the Destination nor
 * the Recipient. The response must hold exactly one assertion (more is how signature-wrapping
 * attacks smuggle a second, unsigned one past the reader), signed (jackson checks the
 * signature itself; an unsigned response fails here with a clear reason), addressed to our ACS URL, for our
 * audience exactly, answering a request, within its time window give or take two minutes.
 */
export function checkSamlResponse({
  xml,
  acsUrl,
  audience,
  now = new Date(),
}: {
  xml: string;
  acsUrl: string;
  audience: string;
  now?: Date;
}): SamlResponseCheck {
  let document: ReturnType<DOMParser['parseFromString']>;
  try {
    document = new DOMParser({ onError: () => {} }).parseFromString(xml, 'text/xml');
  } catch {
    return fail('the response is not XML');
  }
  const response = document.documentElement;
  if (response?.localName !== 'Response' || response.namespaceURI !== protocolNs) {
    return fail('the document is not a SAML 2.0 Response');
  }
  if (document.getElementsByTagNameNS(assertionNs, 'EncryptedAssertion').length > 0) {
    return fail('encrypted assertions are not supported');
  }
  const assertions = document.getElementsByTagNameNS(assertionNs, 'Assertion');
  if (assertions.length !== 1) return fail(`expected one assertion, found ${assertions.length}`);
  const assertion = assertions[0] as Element;
  if (!hasOwnSignature(response) && !hasOwnSignature(assertion)) {
    return fail('neither the response nor its assertion is signed');
  }
  if (!response.getAttribute('InResponseTo')) return fail('the response answers no request');
  const destination = response.getAttribute('Destination');
  if (destination && destination !== acsUrl) return fail(`it is addressed to ${destination}`);
  return checkAssertion({ assertion, acsUrl, audience, now });
}

function checkAssertion({
  assertion,
  acsUrl,
  audience,
  now,
}: {
  assertion: Element;
  acsUrl: string;
  audience: string;
  now: Date;
}): SamlResponseCheck {
  const audiences = [...assertion.getElementsByTagNameNS(assertionNs, 'Audience')].map((node) =>
    (node.textContent ?? '').trim(),
  );
  if (!audiences.includes(audience)) return fail('the assertion is for another audience');
  const confirmations = [
    ...assertion.getElementsByTagNameNS(assertionNs, 'SubjectConfirmationData'),
  ];
  if (confirmations.length === 0) return fail('the assertion has no subject confirmation');
  for (const data of confirmations) {
    if (data.getAttribute('Recipient') !== acsUrl)
      return fail('the assertion names another recipient');
    const window = checkWindow(null, data.getAttribute('NotOnOrAfter'), now);
    if (window) return fail(window);
  }
  const conditions = assertion.getElementsByTagNameNS(assertionNs, 'Conditions')[0];
  if (!conditions) return fail('the assertion has no conditions');
  const window = checkWindow(
    conditions.getAttribute('NotBefore'),
    conditions.getAttribute('NotOnOrAfter'),
    now,
  );
  return window ? fail(window) : { ok: true };
}

function checkWindow(notBefore: string | null, notOnOrAfter: string | null, now: Date) {
  if (!notOnOrAfter) return 'the assertion has no expiry';
  const end = Date.parse(notOnOrAfter);
  if (Number.isNaN(end) || now.getTime() >= end + samlClockSkewMs)
    return 'the assertion has expired';
  if (notBefore !== null) {
    const start = Date.parse(notBefore);
    if (Number.isNaN(start) || now.getTime() < start - samlClockSkewMs) {
      return 'the assertion is not valid yet';
    }
  }
  return null;
}

/** A signature that is the element's own child (jackson verifies it against the IdP's key). */
function hasOwnSignature(element: Element): boolean {
  for (const child of [...element.childNodes]) {
    const node = child as Element;
    if (node.localName === 'Signature' && node.namespaceURI === signatureNs) return true;
  }
  return false;
}

function fail(reason: string): SamlResponseCheck {
  return { ok: false, reason };
}
