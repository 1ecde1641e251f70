export interface GraphQLErrorShape {
  message: string;
  path?: string[];
  extensions?: { code?: string; fieldErrors?: Array<{ path: string; message: string }>; [k: string]: unknown };
}

export interface GraphQLResult<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: GraphQLErrorShape[];
  headers: Headers;
}

/** A browser-like client: keeps the session cookie and sends the CSRF token on mutations. */
export class GraphQLSession {
  cookie?: string;
  csrfToken?: string;
  rawSetCookie?: string;

  constructor(readonly baseUrl: string) {}

  async request<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    extraHeaders: Record<string, string> = {},
  ): Promise<GraphQLResult<T>> {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...extraHeaders };
    if (this.cookie) headers['cookie'] = this.cookie;
    if (this.csrfToken && /^\s*mutation\b/.test(query) && !('x-csrf-token' in extraHeaders)) headers['x-csrf-token'] = this.csrfToken;
    const res = await fetch(`${this.baseUrl}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      this.rawSetCookie = setCookie;
      const [pair] = setCookie.split(';');
      this.cookie = pair?.endsWith('=') ? undefined : pair;
    }
    const body = (await res.json()) as { data?: T; errors?: GraphQLErrorShape[] };
    return { status: res.status, data: body.data, errors: body.errors, headers: res.headers };
  }

  /** A new session signed in as the seeded demo user with this e-mail address. */
  static async signedIn(baseUrl: string, email: string): Promise<GraphQLSession> {
    const session = new GraphQLSession(baseUrl);
    await session.signInAs(email);
    return session;
  }

  /** Signs in as the seeded demo user with this e-mail address. */
  async signInAs(email: string): Promise<{ userId: string }> {
    const users = await this.request<{ demoUsers: Array<{ id: string; email: string }> }>('{ demoUsers { id email } }');
    const user = users.data?.demoUsers.find((u) => u.email === email);
    if (!user) throw new Error(`No demo user ${email}`);
    const res = await this.request<{ signInDemo: { csrfToken: string } }>(
      'mutation($input: SignInDemoInput!) { signInDemo(input: $input) { csrfToken } }',
      { input: { userId: user.id } },
    );
    if (!res.data?.signInDemo) throw new Error(`Sign-in failed: ${JSON.stringify(res.errors)}`);
    this.csrfToken = res.data.signInDemo.csrfToken;
    return { userId: user.id };
  }
}

export const USERS = {
  ombAdmin: 'dana.whitfield@omb.example',
  ombReviewer: 'marcus.lee@omb.example',
  ombExecutive: 'priya.raman@omb.example',
  vhaLead: 'alicia.gomez@va.example',
  vhaContributor: 'ben.carter@va.example',
  vaExecutive: 'carla.nguyen@va.example',
  femaLead: 'samuel.ortiz@fema.example',
  irsLeadTreasExec: 'jordan.patel@treasury.example',
} as const;

export function codes(result: GraphQLResult<unknown>): string[] {
  return (result.errors ?? []).map((e) => e.extensions?.code ?? 'NONE');
}
