declare module "@adobe/structured-data-validator" {
  export interface ValidationIssue {
    issueMessage: string;
    severity: "ERROR" | "WARNING";
    rootType?: string;
    dataFormat?: string;
    path?: { type?: string; property?: string; index?: number }[];
    fieldNames?: string[];
    errorType?: string;
    source?: string;
  }
  /** A handler for one type: constructed per object, `validate` returns its issues. */
  export type HandlerModule = () => Promise<{
    default: new (opts: { dataFormat: string; path: { type?: string; property?: string }[]; type: string }) => {
      validate(data: Record<string, unknown>): ValidationIssue[] | Promise<ValidationIssue[]>;
    };
  }>;
  export default class Validator {
    constructor(schemaOrgJson?: { "@graph": object[] });
    registeredHandlers: Record<string, HandlerModule[]>;
    /** Takes @marbec/web-auto-extractor's shape: objects grouped by format and root type. */
    validate(data: { jsonld?: Record<string, object[]> }): Promise<ValidationIssue[]>;
  }
}
