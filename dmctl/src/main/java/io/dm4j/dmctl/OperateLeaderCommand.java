package io.dm4j.dmctl;

import io.dm4j.common.errors.DmctlErrors;
import io.dm4j.proto.message.CommonResponse;
import io.dm4j.proto.message.MasterMethods;
import io.dm4j.proto.message.OperateLeaderRequest;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code operate-leader evict|cancel-evict}: move leadership off the current leader master, or let it lead again. */
@Command(name = "operate-leader", mixinStandardHelpOptions = true,
        description = "evict: the current leader master hands leadership to another and stops leading; cancel-evict: every master may lead again")
final class OperateLeaderCommand extends Commands.Base {
    @Parameters(index = "0", paramLabel = "evict|cancel-evict")
    String op;

    @Override
    int run() {
        if (!List.of("evict", "cancel-evict").contains(op)) {
            throw DmctlErrors.BAD_ARGUMENTS.error("operate-leader takes evict or cancel-evict, not `" + op + "`");
        }
        return MasterCall.run(g(), MasterMethods.OPERATE_LEADER, new OperateLeaderRequest(op), CommonResponse::result, r -> r);
    }
}
