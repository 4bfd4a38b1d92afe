export declare const PACKAGES_ZIP: string;
export declare const WARMUP_FILE: string;
export declare function warmUpSnippet(withSympy: boolean): string;
