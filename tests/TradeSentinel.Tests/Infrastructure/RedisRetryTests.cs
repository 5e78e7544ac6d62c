using StackExchange.Redis;
using TradeSentinel.Infrastructure.Redis;

namespace TradeSentinel.Tests.Infrastructure;

public class RedisRetryTests
{
    [Theory]
    [InlineData("LOADING Redis is loading the dataset in memory", true)]   // restarted with its append-only file
    [InlineData("TRYAGAIN Multiple keys request during rehashing of slot", true)]
    [InlineData("CLUSTERDOWN The cluster is down", true)]
    [InlineData("ERR Error running script: wrong number of arguments", false)] // a bug: retrying would hide it forever
    [InlineData("WRONGTYPE Operation against a key holding the wrong kind of value", false)]
    public void A_server_that_is_not_serving_yet_is_waited_for_and_a_wrong_command_is_not(string message, bool transient)
    {
#pragma warning disable CS0618 // the plain constructors are all a test needs: the message is what the server says
        Assert.Equal(transient, RedisRetry.IsTransient(new RedisServerException(message)));
        Assert.True(RedisRetry.IsTransient(new RedisConnectionException(ConnectionFailureType.SocketFailure, "down")));
#pragma warning restore CS0618
    }

    [Fact]
    public void Refused_credentials_stop_the_stage_even_when_the_client_reports_them_as_the_cause_of_no_connection()
    {
#pragma warning disable CS0618 // as above
        var refused = new RedisConnectionException(ConnectionFailureType.AuthenticationFailure, "WRONGPASS invalid username-password pair");
        // What a caller sees once the client has given up connecting: "no connection available", caused by the refusal.
        var noConnection = new RedisConnectionException(ConnectionFailureType.UnableToResolvePhysicalConnection,
            "No connection is active/available to service this operation: SET k", refused);
        Assert.Equal(RedisTrouble.Credentials, RedisRetry.Classify(refused));
        Assert.Equal(RedisTrouble.Credentials, RedisRetry.Classify(noConnection));
        Assert.Equal(RedisTrouble.Credentials, RedisRetry.Classify(new RedisServerException("NOAUTH Authentication required.")));
        // Unreachable for another reason: waited out.
        Assert.Equal(RedisTrouble.Outage, RedisRetry.Classify(new RedisConnectionException(ConnectionFailureType.UnableToResolvePhysicalConnection,
            "No connection is active/available to service this operation: SET k", new RedisConnectionException(ConnectionFailureType.SocketFailure, "refused"))));
#pragma warning restore CS0618
    }
}
