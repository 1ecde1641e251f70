import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { GRAPHQL_FETCH } from '@cx/web-shared-data-access-graphql';
import { IdleTimer, formatCountdown, idleStatus } from './idle-timer';
import { SessionStore } from './session-store';
import { buildViewer } from './test-viewer';

describe('idleStatus', () => {
  const deadline = 1_000_000;

  it('should be active when more than two minutes remain', () => {
    expect(idleStatus(deadline - 121_000, deadline)).toEqual({ phase: 'active', secondsRemaining: 121 });
  });

  it('should warn when two minutes or less remain', () => {
    expect(idleStatus(deadline - 120_000, deadline)).toEqual({ phase: 'warning', secondsRemaining: 120 });
    expect(idleStatus(deadline - 500, deadline)).toEqual({ phase: 'warning', secondsRemaining: 1 });
  });

  it('should be expired when the deadline has passed', () => {
    expect(idleStatus(deadline, deadline)).toEqual({ phase: 'expired', secondsRemaining: 0 });
  });

  it('should be signed out when there is no deadline', () => {
    expect(idleStatus(deadline, null).phase).toBe('signed-out');
  });
});

describe('formatCountdown', () => {
  it('should read naturally when minutes and seconds remain', () => {
    expect(formatCountdown(120)).toBe('2 minutes');
    expect(formatCountdown(61)).toBe('1 minute 1 second');
    expect(formatCountdown(45)).toBe('45 seconds');
    expect(formatCountdown(0)).toBe('0 seconds');
  });
});

describe(IdleTimer.name, () => {
  let sut: IdleTimer;
  let session: SessionStore;
  let signOutCalls: number;

  beforeEach(async () => {
    jest.useFakeTimers({ now: new Date('2027-01-01T12:00:00Z') });
    signOutCalls = 0;
    const fetchMock = jest.fn(async (_url: string, init: RequestInit) => {
      const { query } = JSON.parse(String(init.body)) as { query: string };
      let body: unknown = { data: { viewer: buildViewer() } };
      if (query.includes('mutation SignOut')) {
        signOutCalls++;
        body = { data: { signOut: true } };
      }
      return { status: 200, json: async () => body } as Response;
    });
    TestBed.configureTestingModule({
      providers: [provideRouter([{ path: 'sign-in', children: [] }]), { provide: GRAPHQL_FETCH, useValue: fetchMock }],
    });
    session = TestBed.inject(SessionStore);
    sut = TestBed.inject(IdleTimer);
    await session.load();
    TestBed.tick();
  });

  afterEach(() => jest.useRealTimers());

  it('should warn two minutes before the idle deadline when nothing happens', () => {
    jest.advanceTimersByTime(12 * 60 * 1000 + 59_000);
    expect(sut.status().phase).toBe('active');

    jest.advanceTimersByTime(1_000);
    expect(sut.status()).toEqual({ phase: 'warning', secondsRemaining: 120 });
    expect(sut.countdown()).toBe('2 minutes');
  });

  it('should sign the person out when the idle deadline passes', async () => {
    jest.advanceTimersByTime(15 * 60 * 1000);
    TestBed.tick();
    await jest.runOnlyPendingTimersAsync();

    expect(signOutCalls).toBe(1);
    expect(session.isSignedIn()).toBe(false);
    expect(session.notice()).toBe('Your session ended. Sign in again.');
  });
});
