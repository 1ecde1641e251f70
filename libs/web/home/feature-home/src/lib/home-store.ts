import { Injectable, computed, inject, signal } from '@angular/core';
import {
  GraphqlClient,
  errorMessage,
  HomeDataDocument,
  OrganizationDocument,
  UpdateOrganizationProfileDocument,
  type CycleFieldsFragment,
  type OrganizationFieldsFragment,
} from '@cx/web-shared-data-access-graphql';

export type Organization = OrganizationFieldsFragment;
export type Cycle = CycleFieldsFragment;

export interface ProfileChanges {
  description: string | null;
  websiteUrl: string | null;
}

interface HomeState {
  status: 'idle' | 'loading' | 'loaded' | 'error';
  error: string | null;
  cycle: Cycle | null;
  organizations: Organization[];
}

/** Data behind the home page: the current cycle and the organizations the viewer can see. */
@Injectable()
export class HomeStore {
  private readonly client = inject(GraphqlClient);
  private readonly state = signal<HomeState>({ status: 'idle', error: null, cycle: null, organizations: [] });

  readonly status = computed(() => this.state().status);
  readonly error = computed(() => this.state().error);
  readonly cycle = computed(() => this.state().cycle);
  readonly organizations = computed(() => this.state().organizations);
  readonly organizationsById = computed(() => new Map(this.state().organizations.map((o) => [o.id, o])));

  async load(): Promise<void> {
    this.state.update((s) => ({ ...s, status: 'loading', error: null }));
    try {
      const { currentCycle, organizations } = await this.client.request(HomeDataDocument);
      this.state.set({ status: 'loaded', error: null, cycle: currentCycle, organizations });
    } catch (error) {
      this.state.update((s) => ({ ...s, status: 'error', error: errorMessage(error) }));
    }
  }

  /** Saves a profile; rejects with GraphqlRequestError (BAD_USER_INPUT, CONFLICT, …) for the form to show. */
  async updateProfile(organization: Organization, changes: ProfileChanges): Promise<Organization> {
    const { updateOrganizationProfile } = await this.client.request(UpdateOrganizationProfileDocument, {
      input: { id: organization.id, expectedVersion: organization.version, ...changes },
    });
    this.replace(updateOrganizationProfile);
    return updateOrganizationProfile;
  }

  /** Fetches the latest copy of one organization, for example after a conflict. */
  async reloadOrganization(id: string): Promise<Organization> {
    const { organization } = await this.client.request(OrganizationDocument, { id });
    this.replace(organization);
    return organization;
  }

  private replace(organization: Organization): void {
    this.state.update((s) => ({
      ...s,
      organizations: s.organizations.some((o) => o.id === organization.id)
        ? s.organizations.map((o) => (o.id === organization.id ? organization : o))
        : [...s.organizations, organization],
    }));
  }
}
