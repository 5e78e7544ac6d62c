using TradeSentinel.Service;

// The production image's entry point: one stage per process, configured by appsettings and the environment.
return await ServiceCommand.RunAsync(args);
