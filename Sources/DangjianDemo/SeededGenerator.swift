import Dangjian

/// SplitMix64: a small deterministic generator, so the same seed always builds the same district.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose whole sequence follows from `seed`: the demo and the synthetic district
    /// use 2026 unless told otherwise.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits of the SplitMix64 sequence.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// True with the given probability (0 never, 1 always), drawn from this generator.
    public mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &self) < probability }

    /// One of `items`, each equally likely; `items` must not be empty.
    public mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }
}

/// Plausible, invented Chinese names: a common surname and one or two given-name characters.
/// No name list of real people is used.
enum ChineseNames {
    static let surnames = Array(
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
    static let given = Array("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂玉萍红建华文辉鹏飞宇浩然欣怡晨思雨佳琪子涵梓博睿轩彤瑶婷雪梅松柏林海峰志国庆春秋晓东")

    static func make(using generator: inout SeededGenerator) -> String {
        var name = String(generator.pick(surnames)) + String(generator.pick(given))
        if generator.chance(0.7) { name += String(generator.pick(given)) }
        return name
    }
}
