import { Field, ID, InputType } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';

@InputType()
export class SignInDemoInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Choose a person from the list.' })
  userId!: string;
}
