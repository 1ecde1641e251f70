import { TestBed } from '@angular/core/testing';
import { ErrorCode } from '@cx/shared-domain';
import { AuthOptionsDocument, SignOutDocument, UpdateOrganizationProfileDocument } from './generated/graphql';
import { GRAPHQL_FETCH, GRAPHQL_TIMEOUT_MS, GraphqlClient, GraphqlRequestError, type GraphqlClientEvent } from './graphql-client';

function jsonResponse(status: number, body: unknown): Response {
  return { status, json: async () => body } as Response;
}

function textResponse(status: number): Response {
  return { status, json: async () => Promise.reject(new SyntaxError('not json')) } as Response;
}

describe(GraphqlClient.name, () => {
  let sut: GraphqlClient;
  let fetchMock: jest.Mock<Promise<Response>, [RequestInfo | URL, RequestInit?]>;
  let events: GraphqlClientEvent[];

  beforeEach(() => {
    fetchMock = jest.fn();
    TestBed.configureTestingModule({
      providers: [
        { provide: GRAPHQL_FETCH, useValue: fetchMock },
        { provide: GRAPHQL_TIMEOUT_MS, useValue: 1_000 },
      ],
    });
    sut = TestBed.inject(GraphqlClient);
    events = [];
    sut.listen((event) => events.push(event));
  });

  const sentHeaders = () => fetchMock.mock.calls[0][1]?.headers as Record<string, string>;

  it('should post the query to /graphql with same-origin credentials when a query is sent', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { data: { authOptions: { demoSignInEnabled: true } } }));

    await expect(sut.request(AuthOptionsDocument)).resolves.toEqual({ authOptions: { demoSignInEnabled: true } });

    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/graphql');
    expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin' });
    expect(JSON.parse(String(init?.body))).toEqual({ query: AuthOptionsDocument.toString(), variables: {} });
    expect(events).toEqual(['activity']);
  });

  it('should send the x-csrf-token header when the operation is a mutation', async () => {
    sut.setCsrfToken('token-123');
    fetchMock.mockResolvedValue(jsonResponse(200, { data: { signOut: true } }));

    await sut.request(SignOutDocument);

    expect(sentHeaders()['x-csrf-token']).toBe('token-123');
  });

  it('should not send the x-csrf-token header when the operation is a query', async () => {
    sut.setCsrfToken('token-123');
    fetchMock.mockResolvedValue(jsonResponse(200, { data: { authOptions: {} } }));

    await sut.request(AuthOptionsDocument);

    expect(sentHeaders()['x-csrf-token']).toBeUndefined();
  });

  it('should expose field errors when the API answers BAD_USER_INPUT', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(200, {
        data: null,
        errors: [
          {
            message: 'Check the website address.',
            extensions: { code: 'BAD_USER_INPUT', fieldErrors: [{ path: 'input.websiteUrl', message: 'Enter a full web address.' }] },
          },
        ],
      }),
    );

    const error = await sut
      .request(UpdateOrganizationProfileDocument, { input: { id: '1', expectedVersion: 1, websiteUrl: 'nope' } })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GraphqlRequestError);
    expect(error).toMatchObject({
      code: ErrorCode.BAD_USER_INPUT,
      message: 'Check the website address.',
      fieldErrors: [{ path: 'input.websiteUrl', message: 'Enter a full web address.' }],
    });
  });

  it('should reject with CONFLICT when the API reports a version conflict', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { data: null, errors: [{ message: 'stale', extensions: { code: 'CONFLICT' } }] }));

    await expect(sut.request(AuthOptionsDocument)).rejects.toMatchObject({ code: ErrorCode.CONFLICT });
  });

  it('should notify listeners when the API answers UNAUTHENTICATED', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { data: null, errors: [{ message: 'no', extensions: { code: 'UNAUTHENTICATED' } }] }));

    await expect(sut.request(AuthOptionsDocument)).rejects.toMatchObject({ code: ErrorCode.UNAUTHENTICATED });
    expect(events).toEqual(['unauthenticated']);
  });

  it('should map unknown codes to INTERNAL_SERVER_ERROR with a plain message when the code is not in the contract', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(400, { errors: [{ message: 'Cannot query field "x"', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] }),
    );

    await expect(sut.request(AuthOptionsDocument)).rejects.toMatchObject({
      code: ErrorCode.INTERNAL_SERVER_ERROR,
      message: 'Something went wrong on our side. Try again.',
    });
  });

  it('should map the HTTP status when the body is not GraphQL JSON', async () => {
    fetchMock.mockResolvedValue(textResponse(429));

    await expect(sut.request(AuthOptionsDocument)).rejects.toMatchObject({ code: ErrorCode.TOO_MANY_REQUESTS });
  });

  it('should reject with NETWORK_ERROR when fetch fails', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));

    await expect(sut.request(AuthOptionsDocument)).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
  });

  it('should report a gateway that cannot reach the API (502, 504) as the service being unavailable', async () => {
    fetchMock.mockResolvedValueOnce(textResponse(502)).mockResolvedValueOnce(textResponse(504));

    await expect(sut.request(AuthOptionsDocument)).rejects.toMatchObject({ code: ErrorCode.SERVICE_UNAVAILABLE });
    await expect(sut.request(AuthOptionsDocument)).rejects.toMatchObject({ code: ErrorCode.SERVICE_UNAVAILABLE });
  });

  it("should show the API's own words when it says which part of the service is unavailable", async () => {
    const busy = 'The service is too busy to answer just now. Try again in a moment.';
    fetchMock.mockResolvedValue(
      jsonResponse(200, { data: null, errors: [{ message: busy, extensions: { code: 'SERVICE_UNAVAILABLE' } }] }),
    );

    await expect(sut.request(AuthOptionsDocument)).rejects.toMatchObject({ code: ErrorCode.SERVICE_UNAVAILABLE, message: busy });
  });

  it('should give up on a request that gets no answer in time, as a network failure, and cancel it', async () => {
    jest.useFakeTimers();
    try {
      let signal: AbortSignal | undefined;
      // A connection that hangs: no answer until the request is cancelled.
      fetchMock.mockImplementation(
        (_url, init) =>
          new Promise((_resolve, reject) => {
            signal = init?.signal ?? undefined;
            signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
          }),
      );
      const outcome = sut.request(AuthOptionsDocument).catch((error: unknown) => error);

      await jest.advanceTimersByTimeAsync(999);
      expect(signal?.aborted).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      expect(signal?.aborted).toBe(true);
      expect(await outcome).toMatchObject({ code: 'NETWORK_ERROR', message: expect.stringMatching(/took too long/) });
    } finally {
      jest.useRealTimers();
    }
  });

  it('should give up on an answer whose body stops arriving', async () => {
    jest.useFakeTimers();
    try {
      fetchMock.mockImplementation(
        async (_url, init) =>
          ({
            status: 200,
            json: () =>
              new Promise((_resolve, reject) =>
                init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
              ),
          }) as unknown as Response,
      );
      const outcome = sut.request(AuthOptionsDocument).catch((error: unknown) => error);

      await jest.advanceTimersByTimeAsync(1_000);
      expect(await outcome).toMatchObject({ code: 'NETWORK_ERROR', message: expect.stringMatching(/took too long/) });
    } finally {
      jest.useRealTimers();
    }
  });
});
