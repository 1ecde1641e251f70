import { DestroyRef, Injectable, computed, effect, inject, signal, untracked } from '@angular/core';
import { SessionStore } from './session-store';

/** Warn this long before the server ends an idle session (NIST AC-11/AC-12 pattern). */
export const IDLE_WARNING_MS = 2 * 60 * 1000;

export type IdlePhase = 'signed-out' | 'active' | 'warning' | 'expired';

export interface IdleStatus {
  phase: IdlePhase;
  /** Whole seconds until the session ends; 0 once expired or signed out. */
  secondsRemaining: number;
}

/** Pure rule behind the idle warning, kept separate so it can be tested without timers. */
export function idleStatus(now: number, deadline: number | null, warningMs = IDLE_WARNING_MS): IdleStatus {
  if (deadline === null) return { phase: 'signed-out', secondsRemaining: 0 };
  const remaining = deadline - now;
  if (remaining <= 0) return { phase: 'expired', secondsRemaining: 0 };
  const secondsRemaining = Math.ceil(remaining / 1000);
  return { phase: remaining <= warningMs ? 'warning' : 'active', secondsRemaining };
}

/** "1 minute 5 seconds" style text for the countdown. */
export function formatCountdown(totalSeconds: number): string {
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  const parts: string[] = [];
  if (minutes > 0) parts.push(`${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`);
  if (seconds > 0 || minutes === 0) parts.push(`${seconds} ${seconds === 1 ? 'second' : 'seconds'}`);
  return parts.join(' ');
}

/**
 * Ticks once a second while someone is signed in, exposes the idle phase, and
 * signs the person out when the server-side idle deadline passes.
 */
@Injectable({ providedIn: 'root' })
export class IdleTimer {
  private readonly session = inject(SessionStore);
  private readonly now = signal(Date.now());
  private intervalId: ReturnType<typeof setInterval> | null = null;

  readonly status = computed(() => idleStatus(this.now(), this.session.idleDeadline()));
  readonly countdown = computed(() => formatCountdown(this.status().secondsRemaining));

  constructor() {
    effect(() => {
      const signedIn = this.session.isSignedIn();
      untracked(() => (signedIn ? this.startTicking() : this.stopTicking()));
    });
    effect(() => {
      if (this.status().phase === 'expired') {
        untracked(() => {
          this.stopTicking();
          void this.session.signOut('expired');
        });
      }
    });
    inject(DestroyRef).onDestroy(() => this.stopTicking());
  }

  private startTicking(): void {
    this.now.set(Date.now());
    if (this.intervalId !== null) return;
    this.intervalId = setInterval(() => this.now.set(Date.now()), 1000);
  }

  private stopTicking(): void {
    if (this.intervalId !== null) clearInterval(this.intervalId);
    this.intervalId = null;
  }
}
