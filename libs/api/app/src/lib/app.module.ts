import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { AssessmentModule } from '@cx/api-assessment';
import { AuditModule } from '@cx/api-audit';
import { IdentityModule } from '@cx/api-identity';
import { APP_CONFIG, type AppConfig } from '@cx/api-shared-config';
import {
  compiledExecution,
  createValidationPipe,
  DomainErrorHttpFilter,
  formatGraphQLError,
  graphQLContext,
  queryLimitsPlugin,
} from '@cx/api-shared-graphql';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';

import { HealthController } from './health.controller';

export interface AppModuleOptions {
  config: AppConfig;
  dataSource: DataSource;
  logger: Logger;
  /** Closes the pool or the embedded database once the app has stopped serving. */
  closeDatabase: () => Promise<void>;
}

const CLOSE_DATABASE = Symbol('CLOSE_DATABASE');

/**
 * Closes the database when the app shuts down, by `app.close()` or on SIGTERM/SIGINT. Nest runs shutdown hooks after
 * the HTTP server has stopped and its requests have finished, module by module from the root down, and global
 * modules' last: so this lives in the global CoreModule, to close the database after every domain module's hooks
 * (the audit seal's timer stops first).
 */
@Injectable()
class DatabaseShutdown implements OnApplicationShutdown {
  constructor(@Inject(CLOSE_DATABASE) private readonly close: () => Promise<void>) {}

  onApplicationShutdown(): Promise<void> {
    return this.close();
  }
}

/** Shares the validated config and the one DataSource with every domain module. */
@Global()
@Module({})
class CoreModule {
  static register(options: AppModuleOptions): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: options.config },
        { provide: DataSource, useValue: options.dataSource },
        { provide: CLOSE_DATABASE, useValue: options.closeDatabase },
        DatabaseShutdown,
      ],
      exports: [APP_CONFIG, DataSource],
    };
  }
}

/** Composition root: wiring only, no logic. */
@Module({})
export class AppModule {
  static register(options: AppModuleOptions): DynamicModule {
    const { config, logger } = options;
    const execution = config.graphqlExecution === 'compiled' ? compiledExecution() : undefined;
    return {
      module: AppModule,
      imports: [
        CoreModule.register(options),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          // Passed through to Apollo Server, whose `gateway` option Nest's config type leaves out.
          ...(execution ? ({ gateway: execution.gateway, transformSchema: execution.transformSchema } as object) : {}),
          // No GraphiQL/landing page; the schema is the committed apps/api/schema.gql.
          playground: false,
          graphiql: false,
          introspection: !config.isProduction,
          includeStacktraceInErrorResponses: false,
          hideSchemaDetailsFromClientErrors: config.isProduction,
          csrfPrevention: true,
          allowBatchedHttpRequests: false,
          context: graphQLContext,
          plugins: [
            // No HTTP caching of GraphQL responses here; without this plugin no field resolver is wrapped for it.
            ApolloServerPluginCacheControlDisabled(),
            queryLimitsPlugin({
              maxDepth: config.graphqlMaxDepth,
              maxComplexity: config.graphqlMaxComplexity,
              maxAliases: config.graphqlMaxAliases,
            }),
          ],
          formatError: (formatted, error) =>
            formatGraphQLError(formatted, error, {
              onUnexpected: (e) => logger.error({ err: e }, 'Unexpected GraphQL error'),
            }),
        }),
        AuditModule,
        IdentityModule,
        AssessmentModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: DomainErrorHttpFilter },
      ],
    };
  }
}
