import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Role } from '@cx/shared-domain';

import { OrganizationModel } from './organization.model';

registerEnumType(Role, { name: 'Role' });

@ObjectType('RoleAssignment')
export class RoleAssignmentModel {
  @Field(() => Role) role!: Role;
  @Field(() => OrganizationModel) organization!: OrganizationModel;
}

@ObjectType('User')
export class UserModel {
  @Field(() => ID) id!: string;
  @Field() displayName!: string;
  @Field() email!: string;
  @Field(() => [RoleAssignmentModel]) roles!: RoleAssignmentModel[];
}

@ObjectType('Viewer')
export class ViewerModel {
  @Field(() => UserModel) user!: UserModel;
  @Field({ description: 'Send as the x-csrf-token header with every mutation.' }) csrfToken!: string;
  @Field(() => Int) idleTimeoutSeconds!: number;
  @Field() idleExpiresAt!: Date;
  @Field() absoluteExpiresAt!: Date;
}

@ObjectType('AuthOptions')
export class AuthOptionsModel {
  @Field() demoSignInEnabled!: boolean;
  @Field() oidcEnabled!: boolean;
  @Field(() => String, { nullable: true }) oidcProviderName!: string | null;
  @Field(() => String, { nullable: true }) oidcLoginPath!: string | null;
}

@ObjectType('DemoUser')
export class DemoUserModel {
  @Field(() => ID) id!: string;
  @Field() displayName!: string;
  @Field() email!: string;
  @Field() roleSummary!: string;
  @Field() organizationName!: string;
}
