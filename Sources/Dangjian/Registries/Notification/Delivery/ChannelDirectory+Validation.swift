import Foundation

/// The checks on what an admin or a user sends. Each refusal names the field and stores nothing;
/// none of them repeats the URL or the secret it refused.
extension ChannelDirectory {
    /// The longest signing secret accepted; the channels' own are far shorter.
    static let secretLimit = 200

    static func kind(_ text: String?) throws -> String {
        guard let text, !text.isEmpty else { throw DangjianError.required("kind") }
        guard ChannelEndpoint.kinds.contains(text) else {
            throw DangjianError.invalid(
                KernelErrorCode.channelBadKind, field: "kind",
                zh: "渠道类别应为 \(ChannelEndpoint.kinds.joined(separator: "、")) 之一",
                en: "kind must be one of \(ChannelEndpoint.kinds.joined(separator: ", "))")
        }
        return text
    }

    /// An https URL with a host, or http on loopback (a local receiver, the tests' robots).
    static func url(_ text: String?, kind: String) throws -> String {
        guard let text, !text.isEmpty else { throw DangjianError.required("url") }
        guard text.count <= 2000, let url = URL(string: text), let host = url.host, !host.isEmpty,
            url.scheme == "https" || (url.scheme == "http" && LoopbackHost.contains(host))
        else {
            throw DangjianError.invalid(
                KernelErrorCode.channelBadAddress, field: "url", zh: "机器人地址应为 https 地址（本机测试可用 http）",
                en: "the robot's URL must be https (http only on loopback)")
        }
        return text
    }

    static func secret(_ text: String?) throws -> String? {
        guard let text, !text.isEmpty else { return nil }
        guard text.count <= secretLimit, !text.contains(where: \.isNewline) else {
            throw DangjianError.invalid(
                KernelErrorCode.channelSecretTooLong, field: "secret",
                zh: "签名密钥不能超过 \(secretLimit) 个字符或含换行",
                en: "the secret must be at most \(secretLimit) characters on one line")
        }
        return text
    }

    /// The URL as the API shows it: scheme and host, then only the last four characters.
    static func hint(_ url: String) -> String {
        let parsed = URL(string: url)
        let origin = "\(parsed?.scheme ?? "https")://\(parsed?.host ?? "")"
        return origin + "/…****" + String(url.suffix(4))
    }

    /// A user's address for one kind: an email address, a mobile number (WeCom, DingTalk) or a
    /// Feishu user id.
    static func userAddress(_ text: String?, kind: String) throws -> String {
        guard UserChannel.kinds.contains(kind) else {
            throw DangjianError.invalid(
                KernelErrorCode.channelBadKind, field: "kind",
                zh: "个人渠道应为 \(UserChannel.kinds.joined(separator: "、")) 之一",
                en: "a personal channel must be one of \(UserChannel.kinds.joined(separator: ", "))")
        }
        let address = try Validate.text(text?.trimmingCharacters(in: .whitespaces), field: "address", max: 254)
        switch kind {
        case "email":
            guard EmailAddress.isValid(address) else {
                throw DangjianError.invalid(
                    KernelErrorCode.channelBadAddress, field: "address", zh: "邮箱地址无效", en: "not an email address")
            }
        case "wecom", "dingtalk":
            guard PhoneNumber.isValid(address) else {
                throw DangjianError.invalid(
                    KernelErrorCode.channelBadMobile, field: "address", zh: "手机号应为 1 开头的 11 位数字",
                    en: "the mobile number must be 11 digits starting with 1")
            }
        default:
            guard address.count <= 64, address.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
            else {
                throw DangjianError.invalid(
                    KernelErrorCode.channelBadAddress, field: "address", zh: "飞书用户 ID 无效",
                    en: "not a Feishu user id")
            }
        }
        return address
    }

    /// Route targets; an unknown one is refused by name.
    static func targets(_ texts: [String]?) throws -> [DeliveryTarget] {
        guard let texts else { throw DangjianError.required("targets") }
        return try texts.map { text in
            guard let target = DeliveryTarget(rawValue: text) else {
                throw DangjianError.invalid(
                    KernelErrorCode.channelBadTarget, field: "targets", zh: "推送目标应为 group、parentGroup 或 email",
                    en: "a target must be group, parentGroup or email, got \(text)")
            }
            return target
        }
    }
}
