import { type Connection, ErrorCode, PageArgs, paginate, Role } from '@hub/schema';
import { GraphQLError } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { SiteContext } from '../../context';
import { Platform } from '../../graphql/types';
import type { RegistryEdit } from '../edit';
import { PlatformChange, PlatformChangeConnection, PlatformEdit, ServiceInput } from './types';

/** Who may read a platform's change log: its managers, central services, the steering committee, admins. */
const CHANGE_READERS = [Role.PLATFORM, Role.CENTRAL, Role.STEERING, Role.ADMIN] as const;

function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN } });
}

/**
 * Who may edit a platform: its managers (the platforms their token names, some fields), central services and
 * admins (every field). Judged here rather than by `@Authorized`, which has no platform to scope a mutation by.
 */
function assertMayEdit(ctx: SiteContext, code: string): void {
  const { caller } = ctx;
  if (caller.roles.includes(Role.CENTRAL) || caller.roles.includes(Role.ADMIN)) return;
  if (caller.roles.includes(Role.PLATFORM) && caller.platforms.includes(code)) return;
  throw forbidden(`editing ${code} needs the role central or admin, or platform for ${code}`);
}

async function run(ctx: SiteContext, code: string, edit: RegistryEdit): Promise<Platform> {
  assertMayEdit(ctx, code);
  await ctx.registryWriter.apply(code, ctx.caller, edit);
  ctx.registry.refresh();
  const platform = await ctx.registry.platform(code);
  if (!platform) throw new GraphQLError(`No platform ${code}`, { extensions: { code: ErrorCode.NOT_FOUND } });
  return platform;
}

@Resolver(() => Platform)
export class RegistryEditResolver {
  @Mutation(() => Platform, {
    description:
      "Change a platform's fields, on the version read (`Platform.version`): a stale version is refused " +
      'with VERSION_CONFLICT and nothing is changed. Validated as the registry file is.',
  })
  async editPlatform(
    @Arg('code', () => ID) code: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('edit', () => PlatformEdit) edit: PlatformEdit,
    @Ctx() ctx: SiteContext,
  ): Promise<Platform> {
    return run(ctx, code, { kind: 'edit', expectedVersion, edit });
  }

  @Mutation(() => Platform, {
    description: 'Add a service to a platform, or replace the one with its code (volumes, hours…).',
  })
  async saveService(
    @Arg('platform', () => ID) code: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('service', () => ServiceInput) service: ServiceInput,
    @Ctx() ctx: SiteContext,
  ): Promise<Platform> {
    return run(ctx, code, { kind: 'saveService', expectedVersion, service });
  }

  @Mutation(() => Platform, { description: 'Remove a service from a platform.' })
  async removeService(
    @Arg('platform', () => ID) code: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('service', () => ID) service: string,
    @Ctx() ctx: SiteContext,
  ): Promise<Platform> {
    return run(ctx, code, { kind: 'removeService', expectedVersion, serviceCode: service });
  }

  @Authorized(...CHANGE_READERS)
  @FieldResolver(() => PlatformChangeConnection, {
    nullable: true,
    description:
      "The platform's changes in the registry, newest first: edits through the graph and file loads.",
  })
  async changes(
    @Root() platform: Platform,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: SiteContext,
  ): Promise<Connection<PlatformChange>> {
    return paginate(await ctx.registryWriter.changes(platform.code), page);
  }
}
