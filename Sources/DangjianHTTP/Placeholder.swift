import Dangjian
public enum PlaceholderHTTP {}
